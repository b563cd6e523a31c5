package dev.lintel.proxy.config;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Semantic checks the schema cannot express: value ranges, path syntax, unique ports and names.
 * Errors name the path of the offending field.
 */
final class ConfigValidator {
  private static final Set<String> SCHEMES = new TreeSet<>(List.of("http", "https"));
  private static final Set<Integer> REDIRECT_CODES =
      new TreeSet<>(List.of(301, 302, 303, 307, 308));

  static final Pattern HOSTNAME =
      Pattern.compile(
          "^(\\*|(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)$");

  /**
   * {@code namespace/name} of a Secret: a DNS label, then a DNS subdomain. Neither may contain
   * {@code _}, which is what lets a certificate directory name its files {@code namespace_name}.
   */
  static final Pattern CERTIFICATE_REFERENCE =
      Pattern.compile(
          "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?/[a-z0-9]([-a-z0-9]*[a-z0-9])?"
              + "(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

  void validate(ProxyConfig config) throws ConfigException {
    validate(config, Set.of());
  }

  /**
   * Like {@link #validate(ProxyConfig)}, but skips the checks that concern one virtual host alone
   * for those in {@code valid} (compared by identity): an incremental parse reuses hosts that
   * passed them in the previous config. Checks across hosts (unique hostnames) still see them.
   */
  void validate(ProxyConfig config, Set<VirtualHost> valid) throws ConfigException {
    if (config.version() != ProxyConfig.CURRENT_VERSION) {
      throw new ConfigException(
          "version: unsupported value "
              + config.version()
              + ", expected "
              + ProxyConfig.CURRENT_VERSION);
    }
    Set<Integer> ports = new HashSet<>();
    List<Listener> listeners = config.listeners();
    for (int l = 0; l < listeners.size(); l++) {
      Listener listener = listeners.get(l);
      String at = "listeners[" + l + "]";
      if (listener.port() < 1 || listener.port() > 65535) {
        throw new ConfigException(at + ".port: " + listener.port() + " is not in 1..65535");
      }
      if (!ports.add(listener.port())) {
        throw new ConfigException(
            at + ".port: " + listener.port() + " is used by another listener");
      }
      validateTls(listener, at);
      validateClientValidation(listener, at);
      TlsListenerValidator.validate(listener, at);
      // Sized for one name per host, the usual case: rehashing 10,000 names showed in reloads.
      Set<String> hosts = new HashSet<>(Math.max(16, listener.virtualHosts().size() * 2));
      for (int v = 0; v < listener.virtualHosts().size(); v++) {
        VirtualHost host = listener.virtualHosts().get(v);
        if (valid.contains(host)) {
          // Only the cross-host check; the path is built only for its error message.
          checkUnique(host, l, v, hosts);
        } else {
          validate(host, at + ".virtualHosts[" + v + "]", hosts);
        }
      }
    }
  }

  /**
   * An HTTPS port needs certificates for at least one Gateway listener, each entry at least one
   * certificate reference, and the entries distinct hostnames (SNI picks exactly one); a clear-text
   * port has none.
   */
  private static void validateTls(Listener listener, String at) throws ConfigException {
    List<TlsEntry> entries = listener.tls();
    if (listener.protocol() != Protocol.HTTPS) {
      if (!entries.isEmpty()) {
        throw new ConfigException(
            at + ".tls: only an HTTPS listener has certificates (TLS ones: tlsListeners)");
      }
      return;
    }
    if (entries.isEmpty()) {
      throw new ConfigException(at + ".tls: an HTTPS listener needs at least one entry");
    }
    Set<String> keys = new HashSet<>();
    for (int t = 0; t < entries.size(); t++) {
      TlsEntry entry = entries.get(t);
      String entryAt = at + ".tls[" + t + "]";
      String hostname = entry.hostname();
      if (hostname != null && (hostname.equals("*") || !HOSTNAME.matcher(hostname).matches())) {
        throw new ConfigException(
            entryAt + ".hostname: '" + hostname + "' is not a valid listener hostname");
      }
      if (!keys.add(entry.key())) {
        throw new ConfigException(
            entryAt + ".hostname: '" + entry.key() + "' has another entry on this listener");
      }
      if (entry.certificates().isEmpty()) {
        throw new ConfigException(entryAt + ".certificates: at least one is required");
      }
      for (int c = 0; c < entry.certificates().size(); c++) {
        String reference = entry.certificates().get(c);
        if (!CERTIFICATE_REFERENCE.matcher(reference).matches()) {
          throw new ConfigException(
              entryAt
                  + ".certificates["
                  + c
                  + "]: '"
                  + reference
                  + "' is not a namespace/name reference");
        }
      }
    }
  }

  /** Client validation belongs to HTTPS ports and names at least one authority. */
  private static void validateClientValidation(Listener listener, String at)
      throws ConfigException {
    ClientValidation validation = listener.clientValidation();
    if (validation == null) {
      return;
    }
    String validationAt = at + ".clientValidation";
    if (listener.protocol() != Protocol.HTTPS) {
      throw new ConfigException(validationAt + ": only an HTTPS listener validates clients");
    }
    List<String> references = validation.caCertificates();
    if (references.isEmpty()) {
      throw new ConfigException(validationAt + ".caCertificates: at least one is required");
    }
    for (int c = 0; c < references.size(); c++) {
      if (!CERTIFICATE_REFERENCE.matcher(references.get(c)).matches()) {
        throw new ConfigException(
            validationAt
                + ".caCertificates["
                + c
                + "]: '"
                + references.get(c)
                + "' is not a namespace/name reference");
      }
    }
  }

  private static void checkUnique(VirtualHost host, int l, int v, Set<String> seenHostnames)
      throws ConfigException {
    for (int h = 0; h < host.hostnames().size(); h++) {
      String name = host.hostnames().get(h);
      if (!seenHostnames.add(name)) {
        throw notUnique("listeners[" + l + "].virtualHosts[" + v + "]", h, name);
      }
    }
  }

  private static ConfigException notUnique(String at, int h, String name) {
    return new ConfigException(
        at
            + ".hostnames["
            + h
            + "]: '"
            + name
            + "' is served by another virtual host of this listener");
  }

  private void validate(VirtualHost host, String at, Set<String> seenHostnames)
      throws ConfigException {
    for (int h = 0; h < host.hostnames().size(); h++) {
      String name = host.hostnames().get(h);
      if (!HOSTNAME.matcher(name).matches()) {
        throw new ConfigException(
            at + ".hostnames[" + h + "]: '" + name + "' is not a valid hostname");
      }
      if (!seenHostnames.add(name)) {
        throw notUnique(at, h, name);
      }
    }
    for (int r = 0; r < host.routes().size(); r++) {
      Route route = host.routes().get(r);
      String routeAt = at + ".routes[" + r + "]";
      validate(route.match(), routeAt + ".match");
      validate(route.filters(), route.match(), routeAt + ".filters");
      checkMillis(route.timeouts().requestMillis(), routeAt + ".timeouts.requestMillis");
      checkMillis(
          route.timeouts().backendRequestMillis(), routeAt + ".timeouts.backendRequestMillis");
      validate(route.retry(), routeAt + ".retry");
      validate(route.sessionPersistence(), routeAt + ".sessionPersistence");
      for (int b = 0; b < route.backends().size(); b++) {
        validate(route.backends().get(b), routeAt + ".backends[" + b + "]");
      }
    }
  }

  static void validate(Backend backend, String backendAt) throws ConfigException {
    validate(backend.requestHeaders(), backendAt + ".requestHeaders");
    validate(backend.responseHeaders(), backendAt + ".responseHeaders");
    if (backend.weight() < 0 || backend.weight() > 1_000_000) {
      throw new ConfigException(
          backendAt + ".weight: " + backend.weight() + " is not in 0..1000000");
    }
    for (int e = 0; e < backend.endpoints().size(); e++) {
      Endpoint endpoint = backend.endpoints().get(e);
      if (endpoint.port() < 1 || endpoint.port() > 65535) {
        throw new ConfigException(
            backendAt + ".endpoints[" + e + "].port: " + endpoint.port() + " is not in 1..65535");
      }
      if (endpoint.host().isEmpty()) {
        throw new ConfigException(backendAt + ".endpoints[" + e + "].host: empty");
      }
    }
    if (backend.tls() != null) {
      validate(backend.tls(), backendAt + ".tls");
    }
  }

  /**
   * A backend's TLS names a server name that can be sent as SNI, trusts either CA bundles or a
   * well-known store (exactly one of them), and names references the way listeners do.
   */
  private static void validate(BackendTls tls, String at) throws ConfigException {
    if (!isServerName(tls.serverName())) {
      throw new ConfigException(
          at + ".serverName: '" + tls.serverName() + "' is not a valid DNS name");
    }
    if (tls.caCertificates().isEmpty() == (tls.wellKnownCaCertificates() == null)) {
      throw new ConfigException(
          at + ": exactly one of caCertificates and wellKnownCaCertificates is required");
    }
    for (int c = 0; c < tls.caCertificates().size(); c++) {
      checkReference(tls.caCertificates().get(c), at + ".caCertificates[" + c + "]");
    }
    if (tls.clientCertificate() != null) {
      checkReference(tls.clientCertificate(), at + ".clientCertificate");
    }
    for (int s = 0; s < tls.subjectAltNames().size(); s++) {
      SubjectAltName name = tls.subjectAltNames().get(s);
      String nameAt = at + ".subjectAltNames[" + s + "].value";
      if (name.type() == SubjectAltNameType.Hostname
          ? !HOSTNAME.matcher(name.value()).matches() || name.value().equals("*")
          : !HttpSyntax.isUri(name.value())) {
        throw new ConfigException(
            nameAt + ": '" + name.value() + "' is not a valid " + name.type() + " name");
      }
    }
  }

  /** A DNS name without wildcard: what a TLS client may send as SNI. */
  private static boolean isServerName(String name) {
    return !name.contains("*") && name.length() <= 253 && HOSTNAME.matcher(name).matches();
  }

  private static void checkReference(String reference, String at) throws ConfigException {
    if (!CERTIFICATE_REFERENCE.matcher(reference).matches()) {
      throw new ConfigException(at + ": '" + reference + "' is not a namespace/name reference");
    }
  }

  private static void validate(RouteMatch match, String at) throws ConfigException {
    PathMatch path = match.path();
    if (path.type() == PathMatchType.RegularExpression) {
      checkRegex(path.value(), at + ".path.value");
    } else if (!path.value().startsWith("/")) {
      throw new ConfigException(at + ".path.value: '" + path.value() + "' does not start with /");
    }
    if (match.method() != null && !HttpSyntax.isToken(match.method())) {
      throw new ConfigException(at + ".method: '" + match.method() + "' is not an HTTP method");
    }
    validate(match.headers(), at + ".headers", true);
    validate(match.queryParams(), at + ".queryParams", false);
  }

  private static void validate(List<ValueMatch> matches, String at, boolean headers)
      throws ConfigException {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < matches.size(); i++) {
      ValueMatch match = matches.get(i);
      String matchAt = at + "[" + i + "]";
      String name = match.name();
      if (headers
          ? !HttpSyntax.isToken(name) || !name.equals(name.toLowerCase(Locale.ROOT))
          : name.isEmpty()) {
        throw new ConfigException(
            matchAt
                + ".name: '"
                + name
                + (headers ? "' is not a lower-case header name" : "' is empty"));
      }
      if (!names.add(name)) {
        throw new ConfigException(matchAt + ".name: '" + name + "' is matched twice");
      }
      if (match.type() == ValueMatchType.RegularExpression) {
        checkRegex(match.value(), matchAt + ".value");
      }
    }
  }

  private static void checkRegex(String regex, String at) throws ConfigException {
    try {
      com.google.re2j.Pattern.compile(regex);
    } catch (com.google.re2j.PatternSyntaxException e) {
      throw new ConfigException(
          at + ": '" + regex + "' is not a valid RE2 expression: " + e.getDescription());
    }
  }

  private static void validate(DirectResponse direct, RouteFilters filters, String at)
      throws ConfigException {
    if (direct == null) {
      return;
    }
    if (direct.statusCode() < 200 || direct.statusCode() > 599) {
      throw new ConfigException(at + ".statusCode: " + direct.statusCode() + " is not in 200..599");
    }
    String body = direct.body();
    if (body != null && body.length() > DirectResponse.MAX_BODY_LENGTH) {
      throw new ConfigException(
          at
              + ".body: "
              + body.length()
              + " characters, more than "
              + DirectResponse.MAX_BODY_LENGTH);
    }
    if (body != null
        && !body.isEmpty()
        && (direct.statusCode() == 204 || direct.statusCode() == 304)) {
      throw new ConfigException(
          at + ".body: a " + direct.statusCode() + " response cannot have a body");
    }
    if (filters.redirect() != null) {
      throw new ConfigException(at + ": a route cannot both redirect and answer directly");
    }
  }

  private static void validate(RouteFilters filters, RouteMatch match, String at)
      throws ConfigException {
    validate(filters.requestHeaders(), at + ".requestHeaders");
    validate(filters.responseHeaders(), at + ".responseHeaders");
    Redirect redirect = filters.redirect();
    if (redirect != null) {
      String redirectAt = at + ".redirect";
      if (redirect.scheme() != null && !SCHEMES.contains(redirect.scheme())) {
        throw new ConfigException(
            redirectAt + ".scheme: '" + redirect.scheme() + "' is not one of " + SCHEMES);
      }
      checkHostname(redirect.hostname(), redirectAt + ".hostname");
      if (redirect.port() != null && (redirect.port() < 1 || redirect.port() > 65535)) {
        throw new ConfigException(redirectAt + ".port: " + redirect.port() + " is not in 1..65535");
      }
      if (!REDIRECT_CODES.contains(redirect.statusCode())) {
        throw new ConfigException(
            redirectAt
                + ".statusCode: "
                + redirect.statusCode()
                + " is not one of "
                + REDIRECT_CODES);
      }
      validate(redirect.path(), match, redirectAt + ".path");
    }
    validate(filters.directResponse(), filters, at + ".directResponse");
    for (int m = 0; m < filters.mirrors().size(); m++) {
      Mirror mirror = filters.mirrors().get(m);
      String mirrorAt = at + ".mirrors[" + m + "]";
      if (mirror.denominator() < 1
          || mirror.numerator() < 0
          || mirror.numerator() > mirror.denominator()) {
        throw new ConfigException(
            mirrorAt
                + ": "
                + mirror.numerator()
                + "/"
                + mirror.denominator()
                + " is not a share between 0 and 1");
      }
      validate(mirror.backend(), mirrorAt + ".backend");
    }
    Rewrite rewrite = filters.rewrite();
    if (rewrite != null) {
      checkHostname(rewrite.hostname(), at + ".rewrite.hostname");
      validate(rewrite.path(), match, at + ".rewrite.path");
    }
    validate(filters.cors(), at + ".cors");
  }

  /** Every CORS value is compared with or written into a head: only tokens and plain origins. */
  private static void validate(Cors cors, String at) throws ConfigException {
    if (cors == null) {
      return;
    }
    List<String> origins = cors.allowOrigins();
    for (int i = 0; i < origins.size(); i++) {
      String origin = origins.get(i);
      boolean any = origin.equals(Cors.ANY);
      if (any ? origins.size() > 1 : !HttpSyntax.isCorsOrigin(origin)) {
        throw new ConfigException(
            at
                + ".allowOrigins["
                + i
                + "]: '"
                + origin
                + (any ? "' cannot be listed with other origins" : "' is not an origin"));
      }
    }
    checkCorsTokens(cors.allowMethods(), at + ".allowMethods", true);
    checkCorsTokens(cors.allowHeaders(), at + ".allowHeaders", false);
    checkCorsTokens(cors.exposeHeaders(), at + ".exposeHeaders", false);
    if (cors.maxAgeSeconds() < 1) {
      throw new ConfigException(
          at + ".maxAgeSeconds: " + cors.maxAgeSeconds() + " is not a positive number of seconds");
    }
  }

  /** Methods or header names; {@code *} is a token too, but stands alone among methods. */
  private static void checkCorsTokens(List<String> values, String at, boolean methods)
      throws ConfigException {
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      if (!HttpSyntax.isToken(value)) {
        throw new ConfigException(
            at + "[" + i + "]: '" + value + "' is not " + (methods ? "a method" : "a header name"));
      }
      if (methods && value.equals(Cors.ANY) && values.size() > 1) {
        throw new ConfigException(at + "[" + i + "]: '*' cannot be listed with other methods");
      }
    }
  }

  private static void validate(PathModifier path, RouteMatch match, String at)
      throws ConfigException {
    if (path == null) {
      return;
    }
    if (!path.value().startsWith("/")
        || !HttpSyntax.isFieldValue(path.value())
        || path.value().contains(" ")) {
      throw new ConfigException(at + ".value: '" + path.value() + "' is not an absolute path");
    }
    if (path.type() == PathModifierType.ReplacePrefixMatch
        && match.path().type() != PathMatchType.PathPrefix) {
      throw new ConfigException(
          at + ".type: ReplacePrefixMatch needs a PathPrefix match, not " + match.path().type());
    }
  }

  private static void validate(Retry retry, String at) throws ConfigException {
    if (retry == null) {
      return;
    }
    if (retry.attempts() < 1 || retry.attempts() > Retry.MAX_ATTEMPTS) {
      throw new ConfigException(
          at + ".attempts: " + retry.attempts() + " is not in 1.." + Retry.MAX_ATTEMPTS);
    }
    for (int i = 0; i < retry.codes().size(); i++) {
      int code = retry.codes().get(i);
      if (code < 400 || code > 599) {
        throw new ConfigException(at + ".codes[" + i + "]: " + code + " is not in 400..599");
      }
    }
    if (retry.backoffMillis() != null && retry.backoffMillis() < 0) {
      throw new ConfigException(at + ".backoffMillis: " + retry.backoffMillis() + " is negative");
    }
  }

  private static void validate(SessionPersistence session, String at) throws ConfigException {
    if (session == null) {
      return;
    }
    if (!HttpSyntax.isToken(session.name())) {
      throw new ConfigException(at + ".name: '" + session.name() + "' is not an HTTP token");
    }
    boolean cookie = session.type() == SessionPersistenceType.Cookie;
    String path = session.cookiePath();
    if (cookie != (path != null)) {
      throw new ConfigException(at + ".cookiePath: set for cookies, and only for cookies");
    }
    // A path ends up inside a Set-Cookie value: a ';' would start another attribute.
    if (path != null
        && (!path.startsWith("/")
            || !HttpSyntax.isFieldValue(path)
            || path.contains(";")
            || path.contains(" "))) {
      throw new ConfigException(at + ".cookiePath: '" + path + "' is not a cookie path");
    }
    if (session.maxAgeSeconds() != null && (!cookie || session.maxAgeSeconds() < 1)) {
      throw new ConfigException(
          at + ".maxAgeSeconds: " + session.maxAgeSeconds() + " is not a cookie's positive age");
    }
  }

  private static void checkMillis(Integer millis, String at) throws ConfigException {
    if (millis != null && millis < 1) {
      throw new ConfigException(at + ": " + millis + " is not a positive number of milliseconds");
    }
  }

  private static void checkHostname(String hostname, String at) throws ConfigException {
    if (hostname != null && (hostname.startsWith("*") || !HOSTNAME.matcher(hostname).matches())) {
      throw new ConfigException(at + ": '" + hostname + "' is not a valid hostname");
    }
  }

  private static void validate(HeaderModifier modifier, String at) throws ConfigException {
    if (modifier == null) {
      return;
    }
    validate(modifier.set(), at + ".set");
    validate(modifier.add(), at + ".add");
    for (int i = 0; i < modifier.remove().size(); i++) {
      String name = modifier.remove().get(i);
      if (!HttpSyntax.isToken(name) || !name.equals(name.toLowerCase(Locale.ROOT))) {
        throw new ConfigException(
            at + ".remove[" + i + "]: '" + name + "' is not a lower-case header name");
      }
      checkEditable(name, at + ".remove[" + i + "]");
    }
  }

  private static void validate(List<HeaderValue> headers, String at) throws ConfigException {
    for (int i = 0; i < headers.size(); i++) {
      HeaderValue header = headers.get(i);
      if (!HttpSyntax.isToken(header.name())) {
        throw new ConfigException(
            at + "[" + i + "].name: '" + header.name() + "' is not a header name");
      }
      checkEditable(header.name(), at + "[" + i + "].name");
      if (!HttpSyntax.isFieldValue(header.value())) {
        throw new ConfigException(
            at + "[" + i + "].value: control characters are not allowed in a header value");
      }
    }
  }

  /** See {@link HeaderModifier#PROXY_OWNED}. */
  private static void checkEditable(String name, String at) throws ConfigException {
    if (HeaderModifier.PROXY_OWNED.contains(name.toLowerCase(Locale.ROOT))) {
      throw new ConfigException(at + ": '" + name + "' cannot be changed by a filter");
    }
  }
}
