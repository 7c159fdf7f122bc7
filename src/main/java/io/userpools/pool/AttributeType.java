package io.userpools.pool;

/** Cognito's attribute data types; the JSON names are Cognito's. */
public enum AttributeType {
    String, Number, DateTime, Boolean
}
