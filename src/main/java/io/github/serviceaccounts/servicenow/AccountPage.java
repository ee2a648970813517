package io.github.serviceaccounts.servicenow;

import java.util.List;

/**
 * One page of accounts, in {@code sys_id} order.
 *
 * @param more the page was full ({@code limit} rows came back), so the next offset may
 * hold more; a short page is the last one
 */
public record AccountPage(List<AccountState> accounts, boolean more) {

	public AccountPage {
		accounts = List.copyOf(accounts);
	}
}
