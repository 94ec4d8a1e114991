package dev.apigw.emulator.events;

/**
 * The policy violation or error event an exchange produced besides its transactional event: the same API,
 * application and correlation id, and what went wrong ({@code alertDesc}/{@code errorDesc} from the gateway's error
 * message, the policy's id as {@code alertSource}, the error key as {@code errorCode}). Written on the writer thread
 * right after its transactional event.
 */
final class DerivedRecord implements EventRecord {
    private final TransactionRecord base;
    private final EventType type;

    DerivedRecord(TransactionRecord base, EventType type) {
        this.base = base;
        this.type = type;
    }

    @Override
    public EventType type() {
        return type;
    }

    @Override
    public long creationDate() {
        return base.creationDate;
    }

    @Override
    public String text(int field) {
        return base.text(field);
    }

    @Override
    public long number(int field) {
        return field == Fields.TOTAL_TIME ? base.totalMs : Fields.NONE;
    }

    @Override
    public void write(JsonOut out, Fragments f, long seq) {
        out.begin().field("id", f.node().prefix(), seq).field("eventType", type.stored())
            .field("creationDate", base.creationDate);
        base.common(out, f, f.api(base.api), base.seq);
        out.field("responseCode", TransactionRecord.code(base.status)).field("totalTime", base.totalMs);
        String message = base.error == null ? null : base.error.getMessage();
        String key = base.error == null ? null : base.error.key();
        if (type == EventType.POLICYVIOLATION_EVENTS) {
            out.field("alertType", "Policy Violation").field("alertSource", base.refusedBy).field("alertDesc", message)
                .field("errorCode", key);
        } else {
            if (key == null) {
                key = base.status == 502 ? "NATIVE_SERVICE_BROKE_OFF" : "NATIVE_SERVICE_ERROR";
                message = base.status == 502 ? "The native service broke off the response"
                    : "The native service answered with status " + base.status;
            }
            out.field("errorOrigin", base.errorOrigin()).field("errorCode", key).field("errorDesc", message);
            if (base.nativeUri != null) out.field("nativeURL", base.nativeUrl());
        }
        out.end();
    }
}
