# Resources the S3 reference examples assume (not part of the examples).
aws s3api create-bucket --bucket text-content
aws s3api create-bucket --bucket amzn-s3-demo-bucket
file data.bin <<'EOF'
0123456789
EOF
aws s3api put-object --bucket text-content --key dir/my_images.tar.bz2 --body data.bin
aws s3api put-object --bucket text-content --key dir/my_data --body data.bin
