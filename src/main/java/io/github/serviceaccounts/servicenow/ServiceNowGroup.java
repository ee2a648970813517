package io.github.serviceaccounts.servicenow;

/** A {@code sys_user_group} record. */
public record ServiceNowGroup(String sysId, String name, boolean active) {
}
