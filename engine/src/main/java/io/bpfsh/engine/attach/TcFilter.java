package io.bpfsh.engine.attach;

import io.bpfsh.engine.EngineException;

/**
 * A classic cls_bpf filter that {@link ClassicTc#attach} added. Unlike a link it has no FD: it stays on
 * the device until {@link #detach} (or the device goes away), whatever happens to this object.
 *
 * @param createdQdisc whether the attach added the clsact qdisc (detach then removes it again)
 */
public record TcFilter(String device, int ifindex, TcDirection direction, boolean createdQdisc, int progId) {

    /** Deletes the filter (in the caller's network namespace, where it was added). */
    public void detach() throws EngineException {
        ClassicTc.detach(this);
    }

    public String where() {
        return device + " (ifindex " + ifindex + ") " + direction.displayName() + ", cls_bpf direct-action, priority "
                + ClassicTc.PRIORITY + " handle " + ClassicTc.HANDLE;
    }
}
