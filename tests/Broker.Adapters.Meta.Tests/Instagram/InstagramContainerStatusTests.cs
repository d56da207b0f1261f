using Broker.Adapters.Instagram;

namespace Broker.Adapters.Meta.Tests.Instagram;

/// <summary>The subcode read from a container's ERROR status: ASCII digits only, so reading it never throws.</summary>
public sealed class InstagramContainerStatusTests
{
    [Fact]
    public void The_subcode_is_the_first_run_of_seven_ascii_digits_in_the_status()
    {
        Assert.Equal(2207003, new InstagramContainerStatus(InstagramContainerStatus.Error, "Error: 2207003 (media download failed)").Subcode);
    }

    [Fact]
    public void Seven_digits_of_another_script_are_no_subcode_and_do_not_throw()
    {
        Assert.Null(new InstagramContainerStatus(InstagramContainerStatus.Error, "Error: ٢٢٠٧٠٠٣").Subcode);
    }
}
