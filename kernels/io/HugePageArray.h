#pragma once
// An owning array of doubles that is neither zero-filled by the library nor touched on
// allocation. Large arrays are 2 MiB-aligned anonymous mappings advised for transparent huge
// pages, so the threads that first write each part fault it in themselves, 2 MiB at a time;
// on this project's VMs a 4 KiB page fault costs more than parsing the numbers written to it.
#include <cstddef>

namespace e2i::kernels {

class HugePageArray {
public:
    HugePageArray() = default;
    // The values are unspecified until written (in practice the kernel's zero pages).
    explicit HugePageArray(std::size_t count);
    ~HugePageArray();

    HugePageArray(HugePageArray &&other) noexcept;
    HugePageArray &operator=(HugePageArray &&other) noexcept;
    // A table of hundreds of MB should not be copied by accident.
    HugePageArray(const HugePageArray &) = delete;
    HugePageArray &operator=(const HugePageArray &) = delete;

    double *data() { return m_data; }
    const double *data() const { return m_data; }
    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }

    double &operator[](std::size_t i) { return m_data[i]; }
    const double &operator[](std::size_t i) const { return m_data[i]; }
    const double &front() const { return m_data[0]; }
    const double &back() const { return m_data[m_size - 1]; }
    const double *begin() const { return m_data; }
    const double *end() const { return m_data + m_size; }

    // Arrays at least this large are aligned to and advised for huge pages.
    static constexpr std::size_t hugePageBytes = std::size_t(2) << 20;

private:
    void release();

    double *m_data = nullptr;
    std::size_t m_size = 0;
    std::size_t m_mappedBytes = 0;
};

} // namespace e2i::kernels
