package io.shoal.persistence.audit;

import java.time.Instant;

/** A row of {@code audit_log}: who did what to which target, when. {@code target}/{@code detail} may be null. */
public record AuditEntry(long id, Instant at, String username, String action, String target, String detail) {}
