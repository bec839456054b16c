#ifndef C_RECO_SUPPORT_H
#define C_RECO_SUPPORT_H

/// Asks the CPU to start loading the cache line holding `address` for reading and writing soon.
/// A hint only: it never faults and never changes a result. Swift has no spelling for it.
static inline __attribute__((always_inline)) void reco_prefetch(const void *address) {
    __builtin_prefetch(address, 1, 3);
}

#endif
