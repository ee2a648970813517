package io.github.serviceaccounts.request;

import java.util.Optional;

import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * A process variable's name and type, declared once. Delegates, listeners and tests use
 * these instead of bare strings, so a rename is one edit and a type mismatch fails
 * loudly.
 */
public final class ProcessVariable<T> {

	private final String name;

	private final Class<T> type;

	private ProcessVariable(String name, Class<T> type) {
		this.name = name;
		this.type = type;
	}

	public static ProcessVariable<String> string(String name) {
		return new ProcessVariable<>(name, String.class);
	}

	public static ProcessVariable<Long> number(String name) {
		return new ProcessVariable<>(name, Long.class);
	}

	public static ProcessVariable<Boolean> bool(String name) {
		return new ProcessVariable<>(name, Boolean.class);
	}

	public String name() {
		return name;
	}

	/** The value, or empty when the variable is missing, null or (for text) blank. */
	public Optional<T> find(VariableScope scope) {
		Object value = scope.getVariable(name);
		if (value == null || (value instanceof String text && text.isBlank())) {
			return Optional.empty();
		}
		if (!type.isInstance(value)) {
			throw new IllegalStateException("Process variable '" + name + "' holds a "
					+ value.getClass().getSimpleName() + " where a " + type.getSimpleName() + " is expected");
		}
		return Optional.of(type.cast(value));
	}

	public T get(VariableScope scope) {
		return find(scope).orElseThrow(() -> new IllegalStateException("Process variable '" + name + "' is missing"));
	}

	public void set(VariableScope scope, T value) {
		scope.setVariable(name, value);
	}

	@Override
	public String toString() {
		return name;
	}

}
