package dev.lintel.proxy.h1;

/** The scheme a client reached the proxy with, as recorded in {@code X-Forwarded-Proto}. */
public enum Scheme {
  HTTP("http"),
  HTTPS("https");

  private final String value;
  final byte[] forwardedProtoLine;

  Scheme(String value) {
    this.value = value;
    this.forwardedProtoLine = Ascii.bytes("x-forwarded-proto: " + value + "\r\n");
  }

  /** {@code http} or {@code https}. */
  public String value() {
    return value;
  }
}
