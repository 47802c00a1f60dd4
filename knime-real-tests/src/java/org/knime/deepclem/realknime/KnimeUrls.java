package org.knime.deepclem.realknime;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;

import org.knime.core.node.workflow.NodeContext;
import org.knime.core.node.workflow.contextv2.WorkflowContextV2;
import org.knime.core.util.urlresolve.KnimeUrlResolver;

/**
 * Makes the JVM understand {@code knime:} URLs, as KNIME AP does through OSGi's URL handler service. In KNIME 5.12
 * the handler is in org.knime.core ({@code org.knime.core.internal.knimeurl.ExplorerURLStreamHandler}) and is used
 * as it is. KNIME 5.4 keeps it in knime-workbench's explorer bundle, which the kit does not build; there the URL is
 * resolved the way that handler resolves it: by the real core's {@link KnimeUrlResolver} for the workflow context of
 * the node being executed, then opened as the resolved (local file) URL.
 */
final class KnimeUrls {

    static final String CORE_HANDLER = "org.knime.core.internal.knimeurl.ExplorerURLStreamHandler";

    private KnimeUrls() {
    }

    /** Whether {@code knime:} URLs go through KNIME's own handler (5.12) rather than the resolver (5.4). */
    static boolean usesCoreHandler() {
        return KnimeRuntime.hasClass(CORE_HANDLER);
    }

    static void install() {
        URLStreamHandler handler = usesCoreHandler() ? coreHandler() : new ResolvingHandler();
        URL.setURLStreamHandlerFactory(protocol -> "knime".equals(protocol) ? handler : null);
    }

    /** KNIME's handler is an OSGi URLStreamHandlerService; java.net wants a URLStreamHandler. */
    private static URLStreamHandler coreHandler() {
        try {
            Object service = Class.forName(CORE_HANDLER).getDeclaredConstructor().newInstance();
            Method open = service.getClass().getMethod("openConnection", URL.class);
            return new URLStreamHandler() {
                @Override
                protected URLConnection openConnection(final URL u) throws IOException {
                    try {
                        return (URLConnection)open.invoke(service, u);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        if (e.getCause() instanceof IOException io) {
                            throw io;
                        }
                        throw new IOException(e.getCause());
                    } catch (IllegalAccessException e) {
                        throw new IOException(e);
                    }
                }
            };
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + CORE_HANDLER, e);
        }
    }

    /** KNIME 5.4: resolve with the executing node's workflow context, open the resolved URL. */
    private static final class ResolvingHandler extends URLStreamHandler {
        @Override
        protected URLConnection openConnection(final URL u) throws IOException {
            WorkflowContextV2 context = NodeContext.getContextOptional()
                .flatMap(c -> c.getContextObjectForClass(WorkflowContextV2.class)).orElse(null);
            return KnimeUrlResolver.getResolver(context).resolve(u).openConnection();
        }
    }
}
