package org.certflow;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who runs the service and where applicants reach it.
 *
 * @param serviceName the name applicants know; it prefixes the mails' subjects
 * @param issuerName  the chamber that runs the service and issues the invoices
 * @param baseUrl     the public address of the portal, used in mailed links
 */
@ConfigurationProperties("certflow")
public record ServiceProperties(
        @DefaultValue("MCCI電子証明書サービス") String serviceName,
        @DefaultValue("松本商工会議所") String issuerName,
        @DefaultValue("http://localhost:8080") String baseUrl) {

    public String url(String path) {
        return baseUrl.replaceAll("/+$", "") + path;
    }
}
