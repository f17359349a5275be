package org.certflow.certificate.renewal;

/** One item a renewal changed against the old application, as the reviewer reads it. */
public record RenewalChange(String item, String previous, String current) {
}
