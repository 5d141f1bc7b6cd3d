package io.shoal.node.inference;

/**
 * An image the preprocessor refuses: the frame is bad, not the system. Unchecked so it travels through
 * {@code CompletableFuture}s; the message starts with the reason a caller can show or dead-letter with.
 */
public abstract sealed class ImageRejectedException extends RuntimeException
    permits UndecodableImageException, ImageTooLargeException {

  protected ImageRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
