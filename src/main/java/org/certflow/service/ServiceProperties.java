package org.certflow.service;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * Who runs the service and where applicants reach it.
 *
 * @param serviceName the name applicants know; it prefixes the mails' subjects
 * @param issuerName  the chamber that runs the service and issues the invoices
 * @param baseUrl     the public address of the service: the one setting behind every address certflow writes, in
 *                    mailed links, on letters and in certificates (CRL, OCSP responder, issuer certificates)
 */
@ConfigurationProperties("certflow")
@Validated
public record ServiceProperties(
        @DefaultValue("MCCI電子証明書サービス") @NotBlank String serviceName,
        @DefaultValue("松本商工会議所") @NotBlank String issuerName,
        @DefaultValue("http://localhost:8080") @Pattern(regexp = "https?://[^/\\s]+(/\\S*)?",
                message = "must be the public address, e.g. https://certs.example.jp") String baseUrl) {

    public ServiceProperties {
        if (baseUrl != null) {
            baseUrl = baseUrl.replaceAll("/+$", "");
        }
    }

    public String url(String path) {
        return baseUrl + path;
    }
}
