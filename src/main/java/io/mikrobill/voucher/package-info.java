/**
 * Vouchers: the CSV drop-folder edge (streamed rows, each a typed request keyed by the file's
 * digest and row), the voucher API's batches, codes and the ledger book with its event counters.
 */
package io.mikrobill.voucher;
