package dev.coffer.server.xml;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the small XML documents clients send (CreateBucketConfiguration, later Delete, CompleteMultipartUpload…)
 * with a StAX parser that refuses DTDs and entities outright, so XXE and entity expansion cannot happen.
 * Callers bound the body size before they get here.
 */
public final class SafeXml {
    private static final XMLInputFactory FACTORY = hardenedFactory();
    private static final int MAX_DEPTH = 32;

    private SafeXml() {}

    private static XMLInputFactory hardenedFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return f;
    }

    /** A document that is not well-formed, has a DTD, or is nested absurdly deep. */
    public static final class MalformedXmlException extends Exception {
        public MalformedXmlException(String message) {
            super(message);
        }
    }

    /**
     * Parses a document and returns the text of its leaf elements keyed by their slash-separated path
     * below the root (e.g. {@code LocationConstraint}), with the root element's local name under "".
     * Enough for the flat configuration documents of the bucket API; repeated leaves keep the last value.
     */
    public static Map<String, String> leaves(byte[] body) throws MalformedXmlException {
        Map<String, String> out = new LinkedHashMap<>();
        Deque<String> path = new ArrayDeque<>();
        StringBuilder text = new StringBuilder();
        XMLStreamReader r = null;
        try {
            r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
            while (r.hasNext()) {
                switch (r.next()) {
                    case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE ->
                            throw new MalformedXmlException("DTDs and entities are not allowed");
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (path.isEmpty() && !out.containsKey("")) {
                            out.put("", r.getLocalName());
                        } else {
                            path.addLast(r.getLocalName());
                        }
                        if (path.size() > MAX_DEPTH) {
                            throw new MalformedXmlException("document is nested too deep");
                        }
                        text.setLength(0);
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> text.append(r.getText());
                    case XMLStreamConstants.END_ELEMENT -> {
                        if (!path.isEmpty()) {
                            out.put(String.join("/", path), text.toString().strip());
                            path.removeLast();
                        }
                        text.setLength(0);
                    }
                    default -> { }
                }
            }
            if (!out.containsKey("")) {
                throw new MalformedXmlException("document has no root element");
            }
            return out;
        } catch (XMLStreamException e) {
            throw new MalformedXmlException("document is not well-formed");
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing left to release
                }
            }
        }
    }

    /** An element of a parsed document: its local name, its text (stripped) and its child elements. */
    public record Element(String name, String text, List<Element> children) {
        /** The children named {@code name}, in document order. */
        public List<Element> all(String childName) {
            return children.stream().filter(c -> c.name.equals(childName)).toList();
        }

        /** The text of the first child named {@code name}. */
        public Optional<String> childText(String childName) {
            return children.stream().filter(c -> c.name.equals(childName)).findFirst().map(Element::text);
        }
    }

    /**
     * Parses a document into a tree, for documents with repeated elements (Delete's {@code <Object>}s). The same
     * hardening as {@link #leaves}; at most {@code maxElements} elements.
     */
    public static Element parse(byte[] body, int maxElements) throws MalformedXmlException {
        Deque<List<Element>> children = new ArrayDeque<>();
        Deque<String> names = new ArrayDeque<>();
        Deque<StringBuilder> texts = new ArrayDeque<>();
        children.push(new ArrayList<>());
        int count = 0;
        XMLStreamReader r = null;
        try {
            r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
            while (r.hasNext()) {
                switch (r.next()) {
                    case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE ->
                            throw new MalformedXmlException("DTDs and entities are not allowed");
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (++count > maxElements || names.size() >= MAX_DEPTH) {
                            throw new MalformedXmlException("document is too large or nested too deep");
                        }
                        names.push(r.getLocalName());
                        texts.push(new StringBuilder());
                        children.push(new ArrayList<>());
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                        if (!texts.isEmpty()) {
                            texts.peek().append(r.getText());
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        Element e = new Element(names.pop(), texts.pop().toString().strip(), List.copyOf(children.pop()));
                        children.peek().add(e);
                    }
                    default -> { }
                }
            }
            List<Element> roots = children.pop();
            if (roots.size() != 1) {
                throw new MalformedXmlException("document has no root element");
            }
            return roots.getFirst();
        } catch (XMLStreamException e) {
            throw new MalformedXmlException("document is not well-formed");
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing left to release
                }
            }
        }
    }
}
