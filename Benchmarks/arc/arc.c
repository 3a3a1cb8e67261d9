/* Counts calls to the Swift runtime's reference counting and object allocation by return address, for
   Benchmarks/arc/arc.py: preloaded (LD_PRELOAD), it stands in for the five functions, counts each call and
   passes it on; at exit it writes "object offset retains releases bridge-retains bridge-releases
   allocations atomic" per return address to $ARC_OUT. "atomic" counts the calls of the first four that
   change a count with an atomic instruction: on a heap object that is not immortal (an empty array, a
   string literal, a small string kept inline, and statically made objects are not counted). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#define N (1<<16)
static uintptr_t keys[N]; static uint64_t counts[N][6];
static void *(*real_retain)(void*); static void (*real_release)(void*);
static void *(*real_bretain)(void*); static void (*real_brelease)(void*);
/* Open addressing by the return address; a call site past the table's room (65,536) is not counted. */
static inline void note(uintptr_t a, int k) {
  uint32_t h = (uint32_t)((a * 0x9E3779B97F4A7C15ull) >> 48);
  for (int probes = 0; keys[h] && keys[h] != a; probes++) { if (probes == N) return; h = (h + 1) & (N - 1); }
  keys[h] = a; counts[h][k]++;
}
/* Whether a retain or release of this object changes its count atomically: a heap object (the runtime
   skips null and negative pointers) whose count word is not the immortal one (low 32 bits all ones). */
static inline int atomic_object(void *o) {
  if ((intptr_t)o <= 0) return 0;
  uint64_t bits = *(volatile uint64_t *)((char *)o + 8);
  return (uint32_t)bits != 0xffffffffu;
}
/* A bridge object (a string's or a list's storage with flags in its top byte): small strings and string
   literals have the top bit set (immortal, no count); others are counted on the object under the flags. */
static inline int atomic_bridge(void *o) {
  if ((intptr_t)o <= 0) return 0;
  return atomic_object((void *)((uintptr_t)o & 0x00fffffffffffff8ull));
}
static inline void note_atomic(uintptr_t a, int atomic) { if (atomic) note(a, 5); }
void *swift_retain(void *o){ if(!real_retain) real_retain=dlsym(RTLD_NEXT,"swift_retain"); uintptr_t a=(uintptr_t)__builtin_return_address(0); note(a,0); note_atomic(a, atomic_object(o)); return real_retain(o);}
void swift_release(void *o){ if(!real_release) real_release=dlsym(RTLD_NEXT,"swift_release"); uintptr_t a=(uintptr_t)__builtin_return_address(0); note(a,1); note_atomic(a, atomic_object(o)); real_release(o);}
void *swift_bridgeObjectRetain(void *o){ if(!real_bretain) real_bretain=dlsym(RTLD_NEXT,"swift_bridgeObjectRetain"); uintptr_t a=(uintptr_t)__builtin_return_address(0); note(a,2); note_atomic(a, atomic_bridge(o)); return real_bretain(o);}
void *swift_allocObject(const void *metadata, size_t size, size_t alignMask) {
  static void *(*real)(const void *, size_t, size_t);
  if (!real) real = dlsym(RTLD_NEXT, "swift_allocObject");
  note((uintptr_t)__builtin_return_address(0), 4);
  return real(metadata, size, alignMask);
}
void swift_bridgeObjectRelease(void *o){ if(!real_brelease) real_brelease=dlsym(RTLD_NEXT,"swift_bridgeObjectRelease"); uintptr_t a=(uintptr_t)__builtin_return_address(0); note(a,3); note_atomic(a, atomic_bridge(o)); real_brelease(o);}
__attribute__((destructor)) static void dump(void){
  const char *p=getenv("ARC_OUT"); if(!p) return; FILE *f=fopen(p,"w");
  for(int i=0;i<N;i++) if(keys[i]){ Dl_info info; const char *obj="?"; uintptr_t base=0; if(dladdr((void*)keys[i],&info)){obj=info.dli_fname; base=(uintptr_t)info.dli_fbase;}
    fprintf(f,"%s %lx %lu %lu %lu %lu %lu %lu\n",obj,(unsigned long)(keys[i]-base),counts[i][0],counts[i][1],counts[i][2],counts[i][3],counts[i][4],counts[i][5]); }
  fclose(f);
}
