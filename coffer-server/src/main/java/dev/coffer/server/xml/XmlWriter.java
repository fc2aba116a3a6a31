package dev.coffer.server.xml;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes the small XML documents S3, STS and IAM answer with. A StringBuilder and escaping are all the
 * responses need, and they cost far less than a DOM or a StAX writer on the request path.
 */
public final class XmlWriter {
    private final StringBuilder out = new StringBuilder(512).append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    private final Deque<String> open = new ArrayDeque<>();

    public XmlWriter start(String name) {
        out.append('<').append(name).append('>');
        open.push(name);
        return this;
    }

    /** Opens the root element with its namespace. */
    public XmlWriter start(String name, String namespace) {
        out.append('<').append(name).append(" xmlns=\"").append(namespace).append("\">");
        open.push(name);
        return this;
    }

    public XmlWriter end() {
        out.append("</").append(open.pop()).append('>');
        return this;
    }

    /** An element holding text; the text is escaped. */
    public XmlWriter element(String name, String text) {
        out.append('<').append(name).append('>');
        escape(text);
        out.append("</").append(name).append('>');
        return this;
    }

    /** Escaped text inside the element opened last. */
    public XmlWriter text(String text) {
        escape(text);
        return this;
    }

    public XmlWriter element(String name, long value) {
        out.append('<').append(name).append('>').append(value).append("</").append(name).append('>');
        return this;
    }

    /** An element with text only when there is text, else an empty one ({@code <Name/>}). */
    public XmlWriter elementOrEmpty(String name, String text) {
        if (text == null || text.isEmpty()) {
            out.append('<').append(name).append("/>");
            return this;
        }
        return element(name, text);
    }

    public byte[] toBytes() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("unclosed elements: " + open);
        }
        return out.toString().getBytes(UTF_8);
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private void escape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                case '\r' -> out.append("&#13;");
                default -> {
                    // Control characters are not allowed in XML 1.0; S3 writes them as character references.
                    if (ch < 0x20 && ch != '\n' && ch != '\t') {
                        out.append("&#").append((int) ch).append(';');
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
    }
}
