package dev.bosun.workspace;

import dev.bosun.exec.Executor;
import dev.bosun.exec.LocalExecutor;

class LocalCheckoutTest extends CheckoutContract {
    @Override
    Executor executor() {
        return new LocalExecutor();
    }
}
