#ifndef ASCRIBE_CLIBXML2_SHIM_H
#define ASCRIBE_CLIBXML2_SHIM_H

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/parser.h>
#include <libxml/xmlmemory.h>

/// `xmlFree` is a global function-pointer variable, which Swift 6 rejects as shared mutable
/// state; this wrapper gives Swift an ordinary function to call.
static inline void ascribe_xmlFree(void *pointer) { xmlFree(pointer); }

#endif
