package org.knime.deepclem.workflows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A KNIME XMLConfig tree (the format of workflow.knime and settings.xml: nested {@code <config key>} with typed
 * {@code <entry key type value>}), read and written the way KNIME AP 5.x writes it (4-space indent, {@code isnull},
 * {@code %%ddddd} escapes for control characters). Hand-written because KNIME's own reader/writer lives in
 * org.knime.core, which cannot be on this build's classpath.
 */
public final class KnimeConfig {

    /** The namespace header KNIME writes on every XMLConfig root. */
    static final String NS = "xmlns=\"http://www.knime.org/2008/09/XMLConfig\" "
        + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
        + "xsi:schemaLocation=\"http://www.knime.org/2008/09/XMLConfig http://www.knime.org/XMLConfig_2008_09.xsd\"";

    /** A typed leaf; {@code value == null} is KNIME's {@code isnull="true"}. */
    public record Entry(String type, String value) {
    }

    private final String m_key;

    /** Entry or KnimeConfig, in insertion order (KNIME keeps the order it was written in). */
    private final Map<String, Object> m_items = new LinkedHashMap<>();

    public KnimeConfig(final String key) {
        m_key = Objects.requireNonNull(key);
    }

    public String key() {
        return m_key;
    }

    public Set<String> keys() {
        return Collections.unmodifiableSet(m_items.keySet());
    }

    public KnimeConfig entry(final String key, final String type, final String value) {
        m_items.put(key, new Entry(type, value));
        return this;
    }

    public KnimeConfig string(final String key, final String value) {
        return entry(key, "xstring", value);
    }

    public KnimeConfig integer(final String key, final int value) {
        return entry(key, "xint", Integer.toString(value));
    }

    public KnimeConfig bool(final String key, final boolean value) {
        return entry(key, "xboolean", Boolean.toString(value));
    }

    public KnimeConfig decimal(final String key, final double value) {
        return entry(key, "xdouble", Double.toString(value));
    }

    /** A string array as KNIME stores it: a sub-config with array-size and entries 0..n-1. */
    public KnimeConfig strings(final String key, final String... values) {
        KnimeConfig c = config(key).integer("array-size", values.length);
        for (int i = 0; i < values.length; i++) {
            c.string(Integer.toString(i), values[i]);
        }
        return this;
    }

    /** An int array as KNIME stores it. */
    public KnimeConfig ints(final String key, final int... values) {
        KnimeConfig c = config(key).integer("array-size", values.length);
        for (int i = 0; i < values.length; i++) {
            c.integer(Integer.toString(i), values[i]);
        }
        return this;
    }

    /** Adds (or replaces) an empty sub-config and returns it. */
    public KnimeConfig config(final String key) {
        KnimeConfig c = new KnimeConfig(key);
        m_items.put(key, c);
        return c;
    }

    /** Adds (or replaces) {@code child} under its own key. */
    public KnimeConfig put(final KnimeConfig child) {
        m_items.put(child.key(), child);
        return this;
    }

    public boolean has(final String key) {
        return m_items.containsKey(key);
    }

    public boolean isConfig(final String key) {
        return m_items.get(key) instanceof KnimeConfig;
    }

    public KnimeConfig getConfig(final String key) {
        if (!(m_items.get(key) instanceof KnimeConfig c)) {
            throw new IllegalArgumentException("config \"" + m_key + "\" has no sub-config \"" + key + "\"");
        }
        return c;
    }

    public Entry getEntry(final String key) {
        if (!(m_items.get(key) instanceof Entry e)) {
            throw new IllegalArgumentException("config \"" + m_key + "\" has no entry \"" + key + "\"");
        }
        return e;
    }

    public String getString(final String key) {
        return getEntry(key).value();
    }

    public int getInt(final String key) {
        return Integer.parseInt(getEntry(key).value());
    }

    public boolean getBoolean(final String key) {
        return Boolean.parseBoolean(getEntry(key).value());
    }

    /** A KNIME string array (sub-config with array-size). */
    public List<String> getStrings(final String key) {
        KnimeConfig c = getConfig(key);
        int n = c.getInt("array-size");
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(c.getString(Integer.toString(i)));
        }
        return out;
    }

    /** Sub-configs in order (e.g. the nodes or connections of a workflow). */
    public List<KnimeConfig> children() {
        List<KnimeConfig> out = new ArrayList<>();
        m_items.values().forEach(v -> {
            if (v instanceof KnimeConfig c) {
                out.add(c);
            }
        });
        return out;
    }

    Object raw(final String key) {
        return m_items.get(key);
    }

    // ---------------------------------------------------------------------------------------------- XML

    /** The file content as KNIME writes it (UTF-8, trailing newline). */
    public byte[] toXml() {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<config ").append(NS).append(" key=\"").append(escape(m_key)).append("\">\n");
        writeItems(sb, 1);
        sb.append("</config>\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void writeItems(final StringBuilder sb, final int depth) {
        String indent = "    ".repeat(depth);
        for (Map.Entry<String, Object> item : m_items.entrySet()) {
            String key = escape(item.getKey());
            if (item.getValue() instanceof Entry e) {
                sb.append(indent).append("<entry key=\"").append(key).append("\" type=\"").append(e.type())
                    .append('"');
                if (e.value() == null) {
                    sb.append(" isnull=\"true\" value=\"\"/>\n");
                } else {
                    sb.append(" value=\"").append(escape(e.value())).append("\"/>\n");
                }
            } else {
                KnimeConfig c = (KnimeConfig)item.getValue();
                if (c.m_items.isEmpty()) {
                    sb.append(indent).append("<config key=\"").append(key).append("\"/>\n");
                } else {
                    sb.append(indent).append("<config key=\"").append(key).append("\">\n");
                    c.writeItems(sb, depth + 1);
                    sb.append(indent).append("</config>\n");
                }
            }
        }
    }

    /** XML attribute escaping plus KNIME's {@code %%ddddd} for characters below 32 (knime-shared XMLUtils). */
    static String escape(final String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                default -> {
                    if (ch < 32) {
                        sb.append("%%").append(String.format("%05d", (int)ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.toString();
    }

    static String unescape(final String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            if (s.startsWith("%%", i) && i + 7 <= s.length()) {
                sb.append((char)Integer.parseInt(s.substring(i + 2, i + 7)));
                i += 6;
            } else {
                sb.append(s.charAt(i));
            }
        }
        return sb.toString();
    }

    /** Parses an XMLConfig file; a clear message names what is wrong. */
    public static KnimeConfig read(final InputStream in, final String what) throws IOException {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            doc = f.newDocumentBuilder().parse(in);
        } catch (Exception e) { // parser configuration or XML syntax
            throw new IOException(what + " is no valid XML: " + e.getMessage(), e);
        }
        Element root = doc.getDocumentElement();
        if (!"config".equals(root.getLocalName())
            || !"http://www.knime.org/2008/09/XMLConfig".equals(root.getNamespaceURI())) {
            throw new IOException(what + " is no KNIME XMLConfig (root <" + root.getTagName() + ">)");
        }
        return readConfig(root, what);
    }

    private static KnimeConfig readConfig(final Element el, final String what) throws IOException {
        KnimeConfig c = new KnimeConfig(el.getAttribute("key"));
        for (Node n = el.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element child)) {
                continue;
            }
            String key = child.getAttribute("key");
            if ("entry".equals(child.getLocalName())) {
                boolean isNull = "true".equals(child.getAttribute("isnull"));
                c.entry(key, child.getAttribute("type"), isNull ? null : unescape(child.getAttribute("value")));
            } else if ("config".equals(child.getLocalName())) {
                c.put(readConfig(child, what));
            } else {
                throw new IOException(what + ": unexpected element <" + child.getTagName() + ">");
            }
        }
        return c;
    }

    static KnimeConfig read(final byte[] xml, final String what) throws IOException {
        return read(new java.io.ByteArrayInputStream(xml), what);
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof KnimeConfig c && c.m_key.equals(m_key) && c.m_items.equals(m_items);
    }

    @Override
    public int hashCode() {
        return Objects.hash(m_key, m_items);
    }

    @Override
    public String toString() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(toXml());
        return out.toString(StandardCharsets.UTF_8);
    }
}
