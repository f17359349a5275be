package org.certflow.documents;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;

import org.apache.xmlgraphics.io.Resource;
import org.apache.xmlgraphics.io.ResourceResolver;

/**
 * Lets FOP read fonts and images only from the application's classpath ({@code classpath:/fonts/...}),
 * which also works when the classes are packed inside a Spring Boot fat jar. Every other URI (file, http)
 * is refused, so no template or data can make FOP read local files or fetch remote resources.
 */
final class ClasspathResourceResolver implements ResourceResolver {

    static final String SCHEME = "classpath";

    private final ClassLoader classLoader;

    ClasspathResourceResolver(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Override
    public Resource getResource(URI uri) throws IOException {
        if (!SCHEME.equals(uri.getScheme())) {
            throw new IOException("Only classpath resources may be used in documents: " + uri);
        }
        String path = uri.getSchemeSpecificPart();
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        if (path.isEmpty() || path.contains("..")) {
            throw new IOException("Invalid classpath resource: " + uri);
        }
        InputStream in = classLoader.getResourceAsStream(path);
        if (in == null) {
            throw new FileNotFoundException("Classpath resource not found: " + uri);
        }
        return new Resource(in);
    }

    @Override
    public OutputStream getOutputStream(URI uri) throws IOException {
        throw new IOException("Documents may not write resources: " + uri);
    }
}
