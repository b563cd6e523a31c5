package dev.lintel.operator.scenarios;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer of the upstream gRPC echo server ({@code gateway_api_conformance.echo_basic.grpcecho
 * .EchoResponse}), with the fields the conformance tests read: the method called, the request
 * metadata the server received, the {@code :authority}, and which backend answered (namespace and
 * pod). Encoded in the protobuf wire format of upstream's {@code grpcecho.proto}, written by hand
 * (the tests use no protoc): {@code EchoResponse{assertions=1}}, {@code
 * Assertions{fully_qualified_method=1, headers=2 (repeated Header{key=1, value=2}), authority=3,
 * context=4}}, {@code Context{namespace=1, ingress=2, service_name=3, pod=4}}.
 *
 * @param fullyQualifiedMethod e.g. {@code
 *     /gateway_api_conformance.echo_basic.grpcecho.GrpcEcho/Echo}
 * @param headers the request metadata as received, in order, as (lower-case key, value) pairs
 * @param authority the request's {@code :authority}
 * @param namespace the namespace of the answering backend
 * @param pod the "pod" that answered: the backend's Service name
 */
record GrpcEchoResponse(
    String fullyQualifiedMethod,
    List<Map.Entry<String, String>> headers,
    String authority,
    String namespace,
    String pod) {
  private static final int LENGTH_DELIMITED = 2;

  /** Every value of one request header the backend saw, in order. */
  List<String> header(String name) {
    return headers.stream().filter(h -> h.getKey().equals(name)).map(Map.Entry::getValue).toList();
  }

  byte[] encode() {
    ByteArrayOutputStream assertions = new ByteArrayOutputStream();
    writeString(assertions, 1, fullyQualifiedMethod);
    for (Map.Entry<String, String> header : headers) {
      ByteArrayOutputStream entry = new ByteArrayOutputStream();
      writeString(entry, 1, header.getKey());
      writeString(entry, 2, header.getValue());
      writeBytes(assertions, 2, entry.toByteArray());
    }
    writeString(assertions, 3, authority);
    ByteArrayOutputStream context = new ByteArrayOutputStream();
    writeString(context, 1, namespace);
    writeString(context, 3, pod);
    writeString(context, 4, pod);
    writeBytes(assertions, 4, context.toByteArray());
    ByteArrayOutputStream response = new ByteArrayOutputStream();
    writeBytes(response, 1, assertions.toByteArray());
    return response.toByteArray();
  }

  static GrpcEchoResponse decode(byte[] bytes) {
    Fields response = Fields.parse(bytes);
    Fields assertions = Fields.parse(response.bytes(1));
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (byte[] header : assertions.all(2)) {
      Fields entry = Fields.parse(header);
      headers.add(Map.entry(entry.string(1), entry.string(2)));
    }
    Fields context = Fields.parse(assertions.bytes(4));
    return new GrpcEchoResponse(
        assertions.string(1),
        List.copyOf(headers),
        assertions.string(3),
        context.string(1),
        context.string(4));
  }

  private static void writeString(ByteArrayOutputStream out, int field, String value) {
    if (value != null && !value.isEmpty()) {
      writeBytes(out, field, value.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void writeBytes(ByteArrayOutputStream out, int field, byte[] value) {
    writeVarint(out, (field << 3) | LENGTH_DELIMITED);
    writeVarint(out, value.length);
    out.writeBytes(value);
  }

  private static void writeVarint(ByteArrayOutputStream out, int value) {
    while ((value & ~0x7f) != 0) {
      out.write((value & 0x7f) | 0x80);
      value >>>= 7;
    }
    out.write(value);
  }

  /** The length-delimited fields of one message by number; other wire types are skipped. */
  private record Fields(Map<Integer, List<byte[]>> values) {
    static Fields parse(byte[] bytes) {
      Map<Integer, List<byte[]>> values = new HashMap<>();
      int[] at = {0};
      while (at[0] < bytes.length) {
        long tag = readVarint(bytes, at);
        int field = (int) (tag >>> 3);
        switch ((int) (tag & 7)) {
          case 0 -> readVarint(bytes, at);
          case 1 -> at[0] += 8;
          case 5 -> at[0] += 4;
          case LENGTH_DELIMITED -> {
            int length = (int) readVarint(bytes, at);
            byte[] value = Arrays.copyOfRange(bytes, at[0], at[0] + length);
            at[0] += length;
            values.computeIfAbsent(field, f -> new ArrayList<>()).add(value);
          }
          default -> throw new IllegalArgumentException("unsupported wire type in " + tag);
        }
      }
      return new Fields(values);
    }

    List<byte[]> all(int field) {
      return values.getOrDefault(field, List.of());
    }

    byte[] bytes(int field) {
      List<byte[]> all = all(field);
      return all.isEmpty() ? new byte[0] : all.get(all.size() - 1);
    }

    String string(int field) {
      return new String(bytes(field), StandardCharsets.UTF_8);
    }

    private static long readVarint(byte[] bytes, int[] at) {
      long result = 0;
      for (int shift = 0; ; shift += 7) {
        byte b = bytes[at[0]++];
        result |= (long) (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          return result;
        }
      }
    }
  }
}
