package org.knime.core.node;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * Stand-in of org.knime.core.node.NodeFactory. Like KNIME it reads the node description from
 * {@code <SimpleClassName>.xml} next to the factory class, for the node name, type and icon.
 */
public abstract class NodeFactory<T extends NodeModel> {

    /** The kinds of nodes (KNIME: NodeFactory.NodeType). */
    public static enum NodeType {
        Source, Sink, Learner, Predictor, Manipulator, Visualizer, Widget, Meta, LoopStart, LoopEnd, ScopeStart,
        ScopeEnd, @Deprecated QuickForm, Configuration, Other, Missing, Unknown, Subnode, VirtualIn, VirtualOut,
        Container
    }

    private Element m_description;

    protected NodeFactory() {
        this(false);
    }

    protected NodeFactory(final boolean lazyInitialization) {
        if (!lazyInitialization) {
            init();
        }
    }

    /** Parses the description XML (once). */
    public synchronized void init() {
        if (m_description != null) {
            return;
        }
        String name = getClass().getSimpleName() + ".xml";
        try (InputStream in = getClass().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Node description " + name + " not found next to " + getClass());
            }
            DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
            dbf.setNamespaceAware(true);
            m_description = dbf.newDocumentBuilder().parse(in).getDocumentElement();
        } catch (IOException | SAXException | ParserConfigurationException e) {
            throw new IllegalStateException("Cannot read node description " + name + ": " + e.getMessage(), e);
        }
    }

    /** The root element of the node description. */
    public Element getXMLDescription() {
        init();
        return m_description;
    }

    public final String getNodeName() {
        var names = getXMLDescription().getElementsByTagNameNS("*", "name");
        return names.getLength() == 0 ? getClass().getSimpleName() : names.item(0).getTextContent().trim();
    }

    public URL getIcon() {
        String icon = getXMLDescription().getAttribute("icon");
        return icon.isEmpty() ? null : getClass().getResource(icon);
    }

    public NodeType getType() {
        String type = getXMLDescription().getAttribute("type");
        try {
            return type.isEmpty() ? NodeType.Unknown : NodeType.valueOf(type);
        } catch (IllegalArgumentException e) {
            return NodeType.Unknown;
        }
    }

    public final boolean isDeprecated() {
        return Boolean.parseBoolean(getXMLDescription().getAttribute("deprecated"));
    }

    public abstract T createNodeModel();

    protected abstract int getNrNodeViews();

    public abstract NodeView<T> createNodeView(int viewIndex, T nodeModel);

    protected abstract boolean hasDialog();

    protected abstract NodeDialogPane createNodeDialogPane();
}
