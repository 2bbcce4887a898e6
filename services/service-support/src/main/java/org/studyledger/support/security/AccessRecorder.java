package org.studyledger.support.security;

/** Keeps the access log of a service that has one: a bean of this type makes the security rules write to it. */
public interface AccessRecorder {
    void record(AccessRecord record);
}
