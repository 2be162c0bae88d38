#pragma once
// The build targets generic x86-64 (SSE2, no FMA) so that the packages run on any 64-bit PC.
// The hottest loops are compiled a second time for x86-64-v3 (AVX2, FMA: twice the doubles per
// instruction) and the CPU's best version is chosen when the program starts (GCC function
// multiversioning: E2I_CPU_CLONES on a function definition), or, where a test must reach both
// versions, by an explicit choice (GramKernel::Isa).
//
// Loops whose lanes fill 512-bit vectors may add an AVX-512 version (E2I_CPU_CLONES_AVX512:
// x86-64-v4, 8 doubles per instruction) where the CPU executes them at full width.
//
// Configuring with -DE2I_KERNELS_GENERIC_ONLY=ON builds the generic code alone, so that the
// tests can run it on a machine that has AVX2.
#if defined(E2I_KERNELS_GENERIC_ONLY) || !defined(__x86_64__)
#define E2I_CPU_CLONES
#define E2I_CPU_CLONES_AVX512
#define E2I_AVX2_AVAILABLE 0
#else
#define E2I_CPU_CLONES [[gnu::target_clones("arch=x86-64-v3", "default")]]
#define E2I_CPU_CLONES_AVX512 [[gnu::target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")]]
#define E2I_AVX2_AVAILABLE 1
#endif
