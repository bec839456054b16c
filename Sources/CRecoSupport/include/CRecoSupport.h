#ifndef CRECOSUPPORT_H
#define CRECOSUPPORT_H

/// Hints the CPU to fetch `bytes` bytes from `address` into cache ahead of use. Swift has no
/// prefetch intrinsic; SGD over random rows stalls on cache misses without it.
static inline void reco_prefetch(const void *address, long bytes) {
    const char *p = (const char *)address;
    for (long offset = 0; offset < bytes; offset += 64) {
        __builtin_prefetch(p + offset, 1, 3);
    }
}

#endif
