#include "HugePageArray.h"

#include "common/HugePages.h"

#include <cstdint>
#include <new>
#include <utility>

#include <sys/mman.h>
#include <unistd.h>

namespace e2i::kernels {

namespace {

std::size_t roundUp(std::size_t bytes, std::size_t multiple)
{
    return (bytes + multiple - 1) / multiple * multiple;
}

std::size_t systemPageBytes()
{
    static const auto bytes = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    return bytes;
}

void *mapAnonymous(std::size_t bytes)
{
    void *memory = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (memory == MAP_FAILED)
        throw std::bad_alloc();
    return memory;
}

// mmap only promises page alignment: map one huge page more than needed and unmap the
// unaligned head and the tail, so every huge page of the result can be a real one.
void *mapHugePageAligned(std::size_t bytes)
{
    constexpr std::size_t huge = HugePageArray::hugePageBytes;
    auto *raw = static_cast<char *>(mapAnonymous(bytes + huge));
    const auto address = reinterpret_cast<std::uintptr_t>(raw);
    const std::size_t head = roundUp(address, huge) - address;
    if (head > 0)
        ::munmap(raw, head);
    const std::size_t tail = huge - head;
    if (tail > 0)
        ::munmap(raw + head + bytes, tail);
    // Advice only: without THP the array still works with ordinary pages.
    adviseHugePages(raw + head, bytes);
    return raw + head;
}

} // namespace

HugePageArray::HugePageArray(std::size_t count)
    : m_size(count)
{
    if (count == 0)
        return;
    if (count > SIZE_MAX / sizeof(double) - hugePageBytes)
        throw std::bad_alloc();
    const std::size_t bytes = count * sizeof(double);
    const bool huge = bytes >= hugePageBytes;
    m_mappedBytes = roundUp(bytes, huge ? hugePageBytes : systemPageBytes());
    m_data = static_cast<double *>(huge ? mapHugePageAligned(m_mappedBytes) : mapAnonymous(m_mappedBytes));
}

HugePageArray::~HugePageArray()
{
    release();
}

HugePageArray::HugePageArray(HugePageArray &&other) noexcept
    : m_data(std::exchange(other.m_data, nullptr))
    , m_size(std::exchange(other.m_size, 0))
    , m_mappedBytes(std::exchange(other.m_mappedBytes, 0))
{
}

HugePageArray &HugePageArray::operator=(HugePageArray &&other) noexcept
{
    if (this != &other) {
        release();
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
        m_mappedBytes = std::exchange(other.m_mappedBytes, 0);
    }
    return *this;
}

void HugePageArray::release()
{
    if (m_data)
        ::munmap(m_data, m_mappedBytes);
    m_data = nullptr;
    m_size = 0;
    m_mappedBytes = 0;
}

} // namespace e2i::kernels
