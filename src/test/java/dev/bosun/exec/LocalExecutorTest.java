package dev.bosun.exec;

class LocalExecutorTest extends ExecutorContract {
    private final LocalExecutor local = new LocalExecutor();

    @Override
    Executor executor() {
        return local;
    }
}
