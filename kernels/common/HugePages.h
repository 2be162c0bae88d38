#pragma once
// Large scratch arrays (a copy of the design, a million-row vector per simulation) are touched
// for the first time right after they are allocated. With 4 KB pages that costs one page fault
// per 4 KB: measured on the 2-core development VM, 0.59 CPU-s to fault in a fresh 184 MB array,
// 0.03 s with 2 MB transparent huge pages. Linux backs a range with huge pages when asked
// (madvise MADV_HUGEPAGE, needed when transparent_hugepage is in its default "madvise" mode);
// elsewhere these calls do nothing. io/HugePageArray.h owns arrays of doubles allocated that way
// (the CSV reader's columns), advised through this function; it also advises buffers that
// other containers own (std::vector, Eigen matrices) and scratch arrays of any element type.
#include <cstddef>
#include <vector>

namespace e2i::kernels {

// Asks for huge pages over the whole 2 MB pages inside [data, data + bytes); call it before
// the range is first written. Only advice: it never fails.
void adviseHugePages(void *data, std::size_t bytes);

// Makes v a scratch buffer of `size` elements whose values the caller overwrites (they are not
// kept): a new buffer is advised for huge pages before it is first touched.
template <typename T>
void sizeScratchOnHugePages(std::vector<T> &v, std::size_t size)
{
    if (v.capacity() < size) {
        std::vector<T>().swap(v); // nothing to move to the new buffer
        v.reserve(size);
        adviseHugePages(v.data(), size * sizeof(T));
    }
    v.resize(size);
}

} // namespace e2i::kernels
