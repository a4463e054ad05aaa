# CMake toolchain file: cross-compile for a ferry guest CPU with the Debian
# cross compilers, and run what is built (try_run, check_c_source_runs,
# ctest, custom commands that run a built tool) through ferry, by way of
# CMAKE_CROSSCOMPILING_EMULATOR.
#
#   cmake -S . -B build --toolchain /path/to/ferry-toolchain.cmake \
#         [-DFERRY_ARCH=aarch64] [-DFERRY=/path/to/ferry]
#   cmake --build build && ctest --test-dir build
#
# FERRY_ARCH and FERRY may also come from the environment.

if(NOT FERRY_ARCH)
  if(DEFINED ENV{FERRY_ARCH})
    set(FERRY_ARCH "$ENV{FERRY_ARCH}")
  else()
    set(FERRY_ARCH riscv64)
  endif()
endif()
if(NOT FERRY)
  if(DEFINED ENV{FERRY})
    set(FERRY "$ENV{FERRY}")
  else()
    find_program(FERRY ferry REQUIRED)
  endif()
endif()
# try_compile and try_run projects read this file again, without the
# main project's cache: hand them the two settings.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES FERRY_ARCH FERRY)

set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR ${FERRY_ARCH})
set(FERRY_TRIPLE ${FERRY_ARCH}-linux-gnu)
set(CMAKE_C_COMPILER ${FERRY_TRIPLE}-gcc)
set(CMAKE_CXX_COMPILER ${FERRY_TRIPLE}-g++)

# Libraries and headers come from the guest's sysroot, programs from the host.
set(CMAKE_FIND_ROOT_PATH /usr/${FERRY_TRIPLE})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# ferry finds /usr/<triple> as the sysroot of dynamic programs by itself;
# another sysroot is passed with -L.
if(CMAKE_SYSROOT)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${FERRY} -L ${CMAKE_SYSROOT})
else()
  set(CMAKE_CROSSCOMPILING_EMULATOR ${FERRY})
endif()
