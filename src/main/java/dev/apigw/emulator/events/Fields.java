package dev.apigw.emulator.events;

/**
 * The event fields the embedded store keeps in memory, column by column, so that searches, counts and aggregations
 * on them never read an event from disk: low-cardinality texts (dictionary-encoded per segment) and the timings.
 * Every other field is read from the stored document when a query names it.
 */
final class Fields {
    static final String CREATION_DATE = "creationDate";
    static final String EVENT_TYPE = "eventType";
    static final String[] TEXT = {"apiId", "apiName", "apiVersion", "applicationId", "applicationName", "operationName",
        "httpMethod", "status", "responseCode", "consumerIp", "sourceGatewayNode"};
    static final String[] NUMBER = {"totalTime", "providerTime", "gatewayTime", "totalDataSize"};
    static final int API_ID = 0;
    static final int API_NAME = 1;
    static final int API_VERSION = 2;
    static final int APPLICATION_ID = 3;
    static final int APPLICATION_NAME = 4;
    static final int OPERATION_NAME = 5;
    static final int HTTP_METHOD = 6;
    static final int STATUS = 7;
    static final int RESPONSE_CODE = 8;
    static final int CONSUMER_IP = 9;
    static final int NODE = 10;
    static final int TOTAL_TIME = 0;
    static final int PROVIDER_TIME = 1;
    static final int GATEWAY_TIME = 2;
    static final int TOTAL_DATA_SIZE = 3;
    /** An absent number. */
    static final long NONE = Long.MIN_VALUE;

    private Fields() {
    }

    /** The index of an in-memory text field, or -1. */
    static int text(String name) {
        for (int i = 0; i < TEXT.length; i++) if (TEXT[i].equals(name)) return i;
        return -1;
    }

    /** The index of an in-memory number field, or -1. */
    static int number(String name) {
        for (int i = 0; i < NUMBER.length; i++) if (NUMBER[i].equals(name)) return i;
        return -1;
    }
}
