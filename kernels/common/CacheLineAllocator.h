#pragma once
// A std::vector allocator whose arrays start on a 64-byte cache line. Scratch read and written
// as whole 512-bit vectors (the AVX-512 clones, CpuDispatch.h) would otherwise straddle two
// cache lines with every access: operator new only guarantees 16 bytes.
#include <cstddef>
#include <new>

namespace e2i::kernels {

template <class T>
struct CacheLineAllocator {
    using value_type = T;
    static constexpr std::align_val_t kAlignment{64};

    CacheLineAllocator() = default;
    template <class U>
    CacheLineAllocator(const CacheLineAllocator<U> &) // implicit, as the standard allocators rebind
    {
    }

    T *allocate(std::size_t count) { return static_cast<T *>(::operator new(count * sizeof(T), kAlignment)); }
    void deallocate(T *array, std::size_t) { ::operator delete(array, kAlignment); }

    template <class U>
    bool operator==(const CacheLineAllocator<U> &) const
    {
        return true;
    }
};

} // namespace e2i::kernels
