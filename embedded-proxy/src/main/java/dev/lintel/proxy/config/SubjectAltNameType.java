package dev.lintel.proxy.config;

/** The kinds of subject alternative name a backend's certificate is checked for. */
public enum SubjectAltNameType {
  /** A DNS name ({@code dNSName}). */
  Hostname,
  /** A URI ({@code uniformResourceIdentifier}), for example a SPIFFE ID. */
  URI
}
