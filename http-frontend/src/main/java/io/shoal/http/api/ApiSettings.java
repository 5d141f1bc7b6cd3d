package io.shoal.http.api;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * Limits of the resource routes ({@code shoal.http.api}, and the image bound of {@code shoal.http}).
 *
 * @param askTimeout      how long a route waits for a pen or the inference actors
 * @param maxPageSize     most items one list request returns
 * @param maxHistoryRange longest time range one history request may cover
 * @param maxImageBytes   largest image accepted by frame upload and classify ({@code shoal.http.max-frame-upload-bytes})
 */
public record ApiSettings(Duration askTimeout, int maxPageSize, Duration maxHistoryRange, long maxImageBytes) {

  public static final String CONFIG_PATH = "shoal.http.api";

  public ApiSettings {
    if (askTimeout.isNegative() || askTimeout.isZero() || maxPageSize < 1 || maxHistoryRange.isNegative()
        || maxHistoryRange.isZero() || maxImageBytes < 1) {
      throw new IllegalArgumentException(CONFIG_PATH + ": every limit must be positive");
    }
  }

  public static ApiSettings fromConfig(Config root) {
    Config c = root.getConfig(CONFIG_PATH);
    return new ApiSettings(c.getDuration("ask-timeout"), c.getInt("max-page-size"),
        c.getDuration("max-history-range"), root.getBytes("shoal.http.max-frame-upload-bytes"));
  }
}
