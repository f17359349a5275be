package org.certflow.application;

/** The image of the licence, checked by content; stored beside the application for the review. */
public record LicenceImage(String contentType, byte[] content, int width, int height) {
}
