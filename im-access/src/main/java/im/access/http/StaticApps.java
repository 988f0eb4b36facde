package im.access.http;

import im.infra.config.ImConfig;
import io.javalin.config.JavalinConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.server.handler.HandlerWrapper;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.server.handler.gzip.GzipHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the built web apps of {@code im-web/} as static files on the HTTP API's port, so they share
 * the API's origin: the admin console at {@code /admin/} and the employee client at {@code /app/}.
 * Each is a Jetty context beside Javalin's {@code /api/v1} context (Javalin adds its own context to
 * the {@link ContextHandlerCollection} set here), answered by Jetty's {@link ResourceHandler} on the
 * API's bounded thread pool, compressed, without directory listings. Vite names every asset by its
 * content hash, so {@code /assets/} is cached for a year and each {@code index.html} is revalidated.
 *
 * <p>{@code http.web.dir} (default {@code im-web}, relative to the working directory) holds
 * {@code admin/dist} and {@code app/dist}; an app that is not built is answered 404 with a line that
 * says how to build it, and the API is served either way, so the Java build never needs Node.
 * Stateless after start; Jetty's handlers are thread-safe.
 */
public final class StaticApps {
    private static final Logger log = LoggerFactory.getLogger(StaticApps.class);
    /** URL prefix and folder under {@code http.web.dir} of each app. */
    private static final List<String> APPS = List.of("admin", "app");
    /** Hashed file names never change content: a year, as browsers cap it. */
    private static final String ASSET_CACHE = "public, max-age=31536000, immutable";

    private final Path webDir;

    private StaticApps(Path webDir) {
        this.webDir = webDir;
    }

    /** Reads {@code http.web.dir}. */
    public static StaticApps from(ImConfig config) {
        return new StaticApps(Path.of(config.string("http.web.dir", "im-web")).toAbsolutePath().normalize());
    }

    /** Adds the apps' contexts to the Jetty server Javalin builds (before Javalin attaches its own). */
    public void installInto(JavalinConfig config) {
        config.jetty.modifyServer(this::addContexts);
    }

    private void addContexts(Server server) {
        ContextHandlerCollection contexts = new ContextHandlerCollection();
        for (String app : APPS) {
            contexts.addHandler(context(app, webDir.resolve(app).resolve("dist")));
        }
        // Javalin's default server wraps everything in a StatisticsHandler; put the collection inside it.
        if (server.getHandler() instanceof HandlerWrapper wrapper && wrapper.getHandler() == null) {
            wrapper.setHandler(contexts);
        } else {
            server.setHandler(contexts);
        }
    }

    private ContextHandler context(String app, Path dist) {
        ContextHandler context = new ContextHandler("/" + app);
        boolean built = Files.isRegularFile(dist.resolve("index.html"));
        if (built) {
            ResourceHandler files = new ResourceHandler();
            files.setResourceBase(dist.toString());
            files.setDirectoriesListed(false);
            files.setWelcomeFiles(new String[] {"index.html"});
            files.setEtags(true);
            files.setCacheControl("no-cache");
            GzipHandler gzip = new GzipHandler();
            gzip.setHandler(new CachePolicy(files));
            context.setHandler(gzip);
            log.info("Serving web app /{}/ from {}", app, dist);
        } else {
            context.setHandler(new NotBuilt(app, dist));
            log.warn("Web app /{}/ is not built (no {}): run 'npm ci && npm run build' in im-web", app, dist.resolve("index.html"));
        }
        return context;
    }

    /** Long caching for content-hashed assets; everything else keeps the revalidating default. */
    private static final class CachePolicy extends HandlerWrapper {
        CachePolicy(ResourceHandler files) {
            setHandler(files);
        }

        @Override
        public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
                throws IOException, ServletException {
            if (target.startsWith("/assets/")) {
                response.setHeader("Cache-Control", ASSET_CACHE);
            }
            response.setHeader("X-Content-Type-Options", "nosniff");
            super.handle(target, base, request, response);
            if (!base.isHandled()) {
                base.setHandled(true);
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
            }
        }
    }

    /** The answer while an app has not been built: 404 and how to build it. */
    private static final class NotBuilt extends AbstractHandler {
        private final String message;

        NotBuilt(String app, Path dist) {
            this.message = "The web app /" + app + "/ is not built on this server (no " + dist.resolve("index.html")
                    + "). Build it with: cd im-web && npm ci && npm run build\n";
        }

        @Override
        public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            base.setHandled(true);
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            response.setContentType("text/plain;charset=utf-8");
            response.getWriter().write(message);
        }
    }
}
