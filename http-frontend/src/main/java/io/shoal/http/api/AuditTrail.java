package io.shoal.http.api;

import java.util.concurrent.CompletionStage;

/**
 * Where the routes record who changed what (acknowledged an alert, configured a pen, uploaded a frame). The
 * implementation writes to the {@code audit_log} table off the request threads; the stage completes once it is
 * written, so a change is answered only when its audit entry exists.
 */
@FunctionalInterface
public interface AuditTrail {

  CompletionStage<Void> record(String username, String action, String target, String detail);
}
