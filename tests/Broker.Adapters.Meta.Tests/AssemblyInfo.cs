// The stepping fake clock moves time when code under test starts waiting; parallel tests on a loaded 2-core machine
// starve it (seen as a hang), so this assembly's tests run one at a time.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
