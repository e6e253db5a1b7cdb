#ifndef ASCRIBE_CLIBXML2_SHIM_H
#define ASCRIBE_CLIBXML2_SHIM_H

// Debian builds libxml2 with ICU, so <libxml/encoding.h> includes the system ICU headers, whose
// types clash with the ICU that Foundation bundles ("'UErrorCode' has different definitions in
// different modules") in any module that sees both — on a clean build. We never touch libxml2's
// ICU converter fields (they sit inside xmlCharEncodingHandler, which we only hold by pointer), so
// hide ICU from the headers: every struct we use keeps its layout.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/parser.h>
#include <libxml/xmlmemory.h>
#include <libxml/parserInternals.h>
#include <libxml/encoding.h>

/// `xmlFree` is a global function-pointer variable, which Swift 6 rejects as shared mutable
/// state; this wrapper gives Swift an ordinary function to call.
static inline void ascribe_xmlFree(void *pointer) { xmlFree(pointer); }

#endif
