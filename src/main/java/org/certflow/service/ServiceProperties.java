package org.certflow.service;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Who runs the service and where applicants reach it.
 *
 * @param serviceName the name applicants know; it prefixes the mails' subjects
 * @param issuerName  the chamber that runs the service and issues the invoices
 * @param baseUrl     the public address of the service: the one setting behind every address certflow writes, in
 *                    mailed links, on letters and in certificates (CRL, OCSP responder, issuer certificates)
 * @param contact     whom applicants ask: in the footer of every mail and every portal page
 */
@ConfigurationProperties("certflow")
@Validated
public record ServiceProperties(
        @DefaultValue("MCCI電子証明書サービス") @NotBlank String serviceName,
        @DefaultValue("松本商工会議所") @NotBlank String issuerName,
        @DefaultValue("http://localhost:8080") @Pattern(regexp = "https?://[^/\\s]+(/\\S*)?",
                message = "must be the public address, e.g. https://certs.example.jp") String baseUrl,
        @DefaultValue @Valid Contact contact) {

    public ServiceProperties {
        if (baseUrl != null) {
            baseUrl = baseUrl.replaceAll("/+$", "");
        }
    }

    public String url(String path) {
        return baseUrl + path;
    }

    /**
     * The office that answers applicants ({@code certflow.contact.*}). The seed names the chamber and its mail
     * address; the telephone number and the hours of the default run are placeholders an operator replaces.
     *
     * @param office the office's name as applicants address it
     * @param phone  its telephone number, digits with hyphens
     * @param mail   the address applicants write to
     * @param hours  when the telephone is answered
     */
    public record Contact(
            @DefaultValue("松本商工会議所 MCCI電子証明書サービス事務局") @NotBlank @Size(max = 80) String office,
            @DefaultValue("0263-00-0000") @NotBlank @Pattern(regexp = "\\+?[0-9][0-9-]{5,18}[0-9]",
                    message = "must be a telephone number: digits and hyphens, optionally a leading +") String phone,
            @DefaultValue("jcan-secretariat@mcci.or.jp") @NotBlank @Email String mail,
            @DefaultValue("平日 9:00〜17:00（土日祝日・年末年始を除く）") @NotBlank @Size(max = 80) String hours) {
    }
}
