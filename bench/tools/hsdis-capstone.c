/*
 * A disassembler plugin for HotSpot's PrintAssembly (and so for JMH's -prof perfasm), on the
 * Capstone library. Not part of Gradus: a profiling aid for machines whose JDK ships no hsdis.
 * It implements the plugin entry point HotSpot looks up, decode_instructions_virtual, for x86-64.
 *
 *   apt-get install libcapstone-dev
 *   mkdir -p /tmp/hsdis && gcc -O2 -shared -fPIC -o /tmp/hsdis/hsdis-amd64.so bench/tools/hsdis-capstone.c -lcapstone
 *   LD_LIBRARY_PATH=/tmp/hsdis java ... -prof 'perfasm:events=cpu-clock'
 *
 * It prints Capstone's default, Intel syntax, and ignores HotSpot's options (perfasm's intelSyntax too).
 * Capstone 4 (Debian 12) leaves some AVX-512 instructions undecoded: they print as ".byte 0x62"
 * and the next few lines are garbage until the decoder finds its step again.
 */
#include <stdint.h>
#include <stdio.h>
#include <capstone/capstone.h>

typedef void *(*event_fn)(void *stream, const char *event, void *arg);
typedef int (*printf_fn)(void *stream, const char *format, ...);

static void *ignore_event(void *stream, const char *event, void *arg) {
    return NULL;
}

void *decode_instructions_virtual(uintptr_t start_va, uintptr_t end_va, unsigned char *buffer, uintptr_t length,
                                  event_fn event, void *event_stream, printf_fn print, void *print_stream,
                                  const char *options, int newline) {
    csh handle;
    cs_insn *insn;
    if (print == NULL) {
        print = (printf_fn) fprintf;
        if (print_stream == NULL) {
            print_stream = stdout;
        }
    }
    if (event == NULL) {
        event = ignore_event;
    }
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &handle) != CS_ERR_OK) {
        return NULL;
    }
    /* data between instructions (constants, padding) is printed as .byte rather than ending the listing */
    cs_option(handle, CS_OPT_SKIPDATA, CS_OPT_ON);
    size_t count = cs_disasm(handle, buffer, length, (uint64_t) start_va, 0, &insn);
    for (size_t j = 0; j < count; j++) {
        event(event_stream, "insn", (void *) (uintptr_t) insn[j].address);
        print(print_stream, "%s\t\t%s", insn[j].mnemonic, insn[j].op_str);
        event(event_stream, "/insn", (void *) (uintptr_t) (insn[j].address + insn[j].size));
        if (newline) {
            print(print_stream, "\n");
        }
    }
    if (count > 0) {
        cs_free(insn, count);
    }
    cs_close(&handle);
    return NULL;
}
