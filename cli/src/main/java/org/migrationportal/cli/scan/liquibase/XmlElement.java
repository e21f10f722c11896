package org.migrationportal.cli.scan.liquibase;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A small XML element tree that remembers line numbers (the JDK's DOM does not), built with SAX.
 * Comments are not kept. DOCTYPEs are refused (no XXE).
 */
record XmlElement(
        String name, Map<String, String> attributes, List<XmlElement> children, StringBuilder text, int line) {

    static XmlElement parse(byte[] xml) throws IOException, SAXException {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(true);
        SAXParser parser;
        try {
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            parser = factory.newSAXParser();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        Builder builder = new Builder();
        parser.parse(new ByteArrayInputStream(xml), builder);
        return builder.root;
    }

    String attribute(String attributeName) {
        return attributes.get(attributeName);
    }

    List<XmlElement> children(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).toList();
    }

    String textContent() {
        return text.toString();
    }

    private static final class Builder extends DefaultHandler {
        private final Deque<XmlElement> open = new ArrayDeque<>();
        private Locator locator;
        private XmlElement root;

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attrs) {
            Map<String, String> map = new TreeMap<>();
            for (int i = 0; i < attrs.getLength(); i++) {
                String attrName = attrs.getLocalName(i).isEmpty() ? attrs.getQName(i) : attrs.getLocalName(i);
                if (!attrs.getQName(i).startsWith("xmlns") && !attrs.getQName(i).startsWith("xsi:")) {
                    map.put(attrName, attrs.getValue(i));
                }
            }
            String elementName = localName.isEmpty() ? qName : localName;
            XmlElement element = new XmlElement(
                    elementName,
                    map,
                    new ArrayList<>(),
                    new StringBuilder(),
                    locator == null ? 0 : locator.getLineNumber());
            if (open.isEmpty()) {
                root = element;
            } else {
                open.peek().children.add(element);
            }
            open.push(element);
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            open.pop();
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (!open.isEmpty()) {
                open.peek().text.append(ch, start, length);
            }
        }
    }
}
