/**
 * The request bodies of the REST intake as typed records: the one home of the wire field names (the intake and the
 * CSV layouts take their field lists from them) and the schemas of the OpenAPI document. The bodies are still read
 * field by field ({@code FieldReader}), so one refusal names every problem of a body, which binding to these records
 * would stop at the first.
 */
package org.studyledger.center.intake.request;
