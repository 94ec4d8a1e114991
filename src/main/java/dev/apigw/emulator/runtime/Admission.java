package dev.apigw.emulator.runtime;

/**
 * Decides whether the main port takes a new request, and counts those in flight. Shared by every event loop; the
 * quiesce controller is the real implementation, {@link #OPEN} admits everything.
 */
public interface Admission {

    /** Counts the request in and answers whether it may proceed; a refused request is not counted. */
    boolean tryEnter();

    /** Counts an admitted request out, once, when its response has ended. */
    void exit();

    /** True while responses should carry {@code Connection: close} (draining), so keep-alive clients move off. */
    default boolean closeConnections() {
        return false;
    }

    Admission OPEN = new Admission() {
        @Override
        public boolean tryEnter() {
            return true;
        }

        @Override
        public void exit() {
        }
    };
}
