package dev.coffer.server.xml;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SafeXmlTest {
    @Test
    void leaves_ofCreateBucketConfiguration_givesRootAndConstraint() throws Exception {
        Map<String, String> m = SafeXml.leaves(("<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<LocationConstraint> eu-west-1 </LocationConstraint></CreateBucketConfiguration>").getBytes(UTF_8));
        assertThat(m).containsEntry("", "CreateBucketConfiguration").containsEntry("LocationConstraint", "eu-west-1");
    }

    @Test
    void leaves_withExternalEntity_isRefused() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<CreateBucketConfiguration><LocationConstraint>&x;</LocationConstraint></CreateBucketConfiguration>";
        assertThatThrownBy(() -> SafeXml.leaves(xxe.getBytes(UTF_8))).isInstanceOf(SafeXml.MalformedXmlException.class);
    }

    @Test
    void leaves_withEntityExpansion_isRefused() {
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><r>&b;</r>";
        assertThatThrownBy(() -> SafeXml.leaves(bomb.getBytes(UTF_8))).isInstanceOf(SafeXml.MalformedXmlException.class);
    }

    @Test
    void leaves_ofMalformedDocument_isRefused() {
        assertThatThrownBy(() -> SafeXml.leaves("<a><b></a>".getBytes(UTF_8)))
                .isInstanceOf(SafeXml.MalformedXmlException.class);
        assertThatThrownBy(() -> SafeXml.leaves(new byte[0])).isInstanceOf(SafeXml.MalformedXmlException.class);
    }

    @Test
    void xmlWriter_escapesText() {
        String doc = new XmlWriter().start("A").element("B", "<&>\"'\u0001").end().toString();
        assertThat(doc).endsWith("<A><B>&lt;&amp;&gt;&quot;&apos;&#1;</B></A>");
    }
}
