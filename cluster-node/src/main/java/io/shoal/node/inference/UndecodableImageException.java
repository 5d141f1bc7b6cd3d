package io.shoal.node.inference;

/** The bytes are not a JPEG or PNG this JVM can decode completely (unknown format, corrupt or truncated data). */
public final class UndecodableImageException extends ImageRejectedException {

  public static final String REASON = "undecodable image";

  public UndecodableImageException(String detail) {
    this(detail, null);
  }

  public UndecodableImageException(String detail, Throwable cause) {
    super(REASON + ": " + detail, cause);
  }
}
