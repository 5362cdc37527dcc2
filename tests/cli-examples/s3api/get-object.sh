# AWS CLI reference example: aws s3api get-object
# https://docs.aws.amazon.com/cli/latest/reference/s3api/get-object.html
# (from awscli/examples/s3api/get-object.rst; account ids and regions normalised)
aws s3api get-object --bucket text-content --key dir/my_images.tar.bz2 my_images.tar.bz2
aws s3api get-object --bucket text-content --key dir/my_data --range bytes=8888-9999 my_data_range
