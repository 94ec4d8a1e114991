package dev.apigw.emulator.archive;

import java.util.Set;

/**
 * The log entries of what an import keeps no document of: the PassmanData entries (restored into the applications
 * and settings they belong to when they could be opened, else explained) and the product's asset types the emulator
 * does not keep (key stores, URL aliases, portal gateways, ...), which are reported and skipped while the rest imports.
 */
final class NotImported {
    private NotImported() {
    }

    static void log(ArchiveContents c, Set<String> opened, ImportLog log) {
        for (ArchiveContents.Doc d : c.passman.values()) {
            if (opened.contains(d.id())) {
                log.success("PassmanData", d.id(), d.id(), "OK", false, false);
            } else if (ArchiveSecrets.ours(d.json())) {
                log.failed("PassmanData", d.id(), d.id(), "Sealed with the exporting gateway's archive passphrase, and this "
                    + "gateway has none (archive.passphrase); not imported.", true);
            } else {
                log.failed("PassmanData", d.id(), d.id(), "Encrypted with the source gateway's master password, which the "
                    + "emulator cannot decrypt; not imported.", true);
            }
        }
        for (EntryName u : c.unsupported) {
            log.failed(u.type(), u.id(), u.id(), "Asset type " + u.type() + " is not supported by the emulator; not imported.", true);
        }
    }
}
