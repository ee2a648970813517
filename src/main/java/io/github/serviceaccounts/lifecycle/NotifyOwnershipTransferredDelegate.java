package io.github.serviceaccounts.lifecycle;

import static io.github.serviceaccounts.lifecycle.LifecycleVariables.*;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Tell new owner and the old owner's manager": the hand-over is done.
 */
@Component
class NotifyOwnershipTransferredDelegate implements JavaDelegate {

	private final LifecycleNotices notices;

	NotifyOwnershipTransferredDelegate(LifecycleNotices notices) {
		this.notices = notices;
	}

	@Override
	public void execute(DelegateExecution execution) {
		List<String> to = new ArrayList<>();
		OWNER_EMAIL.find(execution).ifPresent(to::add);
		OWNER_NAMER_EMAIL.find(execution).ifPresent(to::add);
		notices.send(to, execution, "new owner " + OWNER.get(execution),
				List.of(OWNER_NAME.find(execution).orElse(OWNER.get(execution)) + " has accepted the ownership of this "
						+ "service account, which " + LEAVER.get(execution)
						+ " owned until they left. ServiceNow names "
						+ "them as its manager now; reviews and any retirement go to them."),
				null);
	}

}
