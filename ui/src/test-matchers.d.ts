// Types of the DOM matchers that vitest-setup.ts registers (toHaveValue, …).
import '@testing-library/jest-dom/vitest';
