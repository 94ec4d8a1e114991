package dev.apigw.emulator.runtime;

import io.vertx.core.json.JsonObject;

/**
 * Turns a stored policy action of one {@code templateKey} into an enforced {@link Policy}. Called off the hot
 * path, when the route table is rebuilt. Throws {@link IllegalArgumentException} for parameters it cannot enforce.
 */
public interface PolicyFactory {

    /** The policy action's {@code templateKey} this factory enforces. */
    String templateKey();

    /** @param action the stored policy action document; @param api the API document it is attached to (null for global) */
    Policy create(JsonObject action, JsonObject api);

    /** With aliases and scope mappings at hand; factories that need neither keep the two-argument form. */
    default Policy create(JsonObject action, JsonObject api, DesignTime design) {
        return create(action, api);
    }

    /**
     * The write-time check of an action (admin POST/PUT, archive import): throws {@link IllegalArgumentException}
     * naming what cannot be enforced, so an action that would keep its API out of the route table is never stored.
     * By default, whatever {@link #create} refuses; factories may check more (enums a tolerant compile ignores).
     */
    default void validate(JsonObject action) {
        create(action, null);
    }
}
